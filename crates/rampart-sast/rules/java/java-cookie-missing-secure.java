import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class CookieServlet extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        Cookie a = new Cookie("session", "abc");
        // ruleid: java-cookie-missing-secure
        a.setSecure(false);
        response.addCookie(a);
        Cookie b = new Cookie("remember", "1");
        b.setHttpOnly(true);
        // ruleid: java-cookie-missing-secure
        response.addCookie(b);
        Cookie c = new Cookie("session", "abc");
        c.setSecure(true);
        c.setHttpOnly(true);
        // ok: java-cookie-missing-secure
        response.addCookie(c);
    }

}
