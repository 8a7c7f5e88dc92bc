import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class CorsServlet extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        // ruleid: java-cors-permissive
        response.setHeader("Access-Control-Allow-Origin", request.getHeader("Origin"));
        // ok: java-cors-permissive
        response.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
    }

}
