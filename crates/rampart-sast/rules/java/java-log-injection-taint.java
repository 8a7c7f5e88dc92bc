import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import javax.servlet.http.*;

class LoginServlet extends HttpServlet {
    private static final Logger log = LoggerFactory.getLogger(LoginServlet.class);

    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        String user = request.getParameter("user");
        // ruleid: java-log-injection-taint
        log.info("login failed for " + user);
        // ok: java-log-injection-taint
        log.info("login failed for " + user.replaceAll("[\r\n]", "_"));
        // ok: java-log-injection-taint
        log.info("login failed");
    }
}
