import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class SessionServlet extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        String user = request.getParameter("user");
        // ruleid: java-trust-boundary-taint
        request.getSession().setAttribute("user", user);
        HttpSession s = request.getSession();
        // ruleid: java-trust-boundary-taint
        s.putValue(request.getHeader("X-Key"), "1");
        // ok: java-trust-boundary-taint
        s.setAttribute("visits", "1");
    }

}
