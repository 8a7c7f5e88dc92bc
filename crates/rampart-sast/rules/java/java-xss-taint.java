import java.io.*;
import java.util.*;
import javax.servlet.http.*;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.util.HtmlUtils;

public class HelloServlet extends HttpServlet {
    private String greet(String name) {
        return "<h1>Hello " + name + "</h1>";
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("name");
        // ruleid: java-xss-taint
        response.getWriter().println("Hello " + name);
        PrintWriter out = response.getWriter();
        // ruleid: java-xss-taint
        out.print(greet(request.getHeader("Referer")));
        // ruleid: java-xss-taint
        out.format("Welcome %s", name);
        // ok: java-xss-taint
        out.println("Hello " + org.owasp.encoder.Encode.forHtml(name));
        // ok: java-xss-taint
        out.println("Hello " + org.springframework.web.util.HtmlUtils.htmlEscape(name));
        // ok: java-xss-taint
        out.println("Hello world");
    }
}

@RestController
class BadgeController {
    @GetMapping("/badge")
    public ResponseEntity<String> badge(
            @RequestParam("label") String label) {
        String html = String.format("<span class=badge>%s</span>", label);
        // ruleid: java-xss-taint
        return new ResponseEntity<>(html, HttpStatus.OK);
    }

    @GetMapping("/badge2")
    public ResponseEntity<String> badge2(
            @RequestParam("label") String label) {
        String html = "<span>" + HtmlUtils.htmlEscape(label) + "</span>";
        // ok: java-xss-taint
        return ResponseEntity.ok(html);
    }
}
