import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class FetchServlet extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String url = request.getParameter("url");
        // ruleid: java-ssrf-taint
        InputStream in = new java.net.URL(url).openStream();
        // ok: java-ssrf-taint
        InputStream q = new java.net.URL("https://api.example.com/search?q=" + java.net.URLEncoder.encode(url, "UTF-8")).openStream();
        // ok: java-ssrf-taint
        InputStream s = new java.net.URL("https://api.example.com/status").openStream();
    }

}
