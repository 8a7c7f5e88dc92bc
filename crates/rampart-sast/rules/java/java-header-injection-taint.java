import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class HeaderServlet extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        // ruleid: java-header-injection-taint
        response.setHeader("X-User", request.getParameter("user"));
        // ok: java-header-injection-taint
        response.setHeader("X-User", java.net.URLEncoder.encode(request.getParameter("user")));
    }

}
