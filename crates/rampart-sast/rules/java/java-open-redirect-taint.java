import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class RedirectServlet extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ruleid: java-open-redirect-taint
        response.sendRedirect(request.getParameter("next"));
        // ok: java-open-redirect-taint
        response.sendRedirect("/home");
    }

}

class LoginController {
    @org.springframework.web.bind.annotation.GetMapping("/login")
    public String login(@RequestParam String next) {
        // ruleid: java-open-redirect-taint
        return "redirect:" + next;
    }
}
