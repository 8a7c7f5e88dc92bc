import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class FileServlet extends HttpServlet {
    static final String BASE = "/srv/files/";

    private File userFile(String name) {
        return new File(BASE + name);
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("file");
        // ruleid: java-path-traversal-taint
        FileInputStream in = new FileInputStream(BASE + name);
        // ruleid: java-path-traversal-taint
        java.nio.file.Path p = java.nio.file.Paths.get(BASE, request.getHeader("X-File"));
        Cookie[] cookies = request.getCookies();
        String last = cookies[0].getValue();
        // ruleid: java-path-traversal-taint
        File f = new File(new File(BASE), last);
        // ok: java-path-traversal-taint
        FileInputStream safe = new FileInputStream(BASE + org.apache.commons.io.FilenameUtils.getName(name));
        // ok: java-path-traversal-taint
        FileInputStream conf = new FileInputStream("/etc/app/app.properties");
    }

}
