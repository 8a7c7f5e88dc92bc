import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class ProfileServlet extends HttpServlet {
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
        User u = new User();
        // ruleid: java-mass-assignment
        org.apache.commons.beanutils.BeanUtils.populate(u, request.getParameterMap());
        Map<String, String> allowed = new HashMap<>();
        allowed.put("name", "fixed");
        // ok: java-mass-assignment
        org.apache.commons.beanutils.BeanUtils.populate(u, allowed);
    }
    static class User {}

}
