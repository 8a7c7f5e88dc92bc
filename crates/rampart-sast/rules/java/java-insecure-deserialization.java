import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class DeserServlet extends HttpServlet {
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
        ObjectInputStream ois = new ObjectInputStream(request.getInputStream());
        // ruleid: java-insecure-deserialization
        Object o = ois.readObject();
        java.beans.XMLDecoder dec = new java.beans.XMLDecoder(request.getInputStream());
        // ruleid: java-insecure-deserialization
        Object p = dec.readObject();
        // ok: java-insecure-deserialization
        Object q = new com.fasterxml.jackson.databind.ObjectMapper().readValue(request.getInputStream(), Dto.class);
    }
    static class Dto {}

}
