import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class CookieServlet2 extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        Cookie b = new Cookie("remember", "1");
        b.setSecure(true);
        // ruleid: java-cookie-missing-httponly
        response.addCookie(b);
        Cookie c = new Cookie("session", "abc");
        c.setSecure(true);
        c.setHttpOnly(true);
        // ok: java-cookie-missing-httponly
        response.addCookie(c);
    }

}
