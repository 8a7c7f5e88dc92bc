import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class XPathServlet extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath();
        org.w3c.dom.Document doc = load();
        String name = request.getParameter("name");
        // ruleid: java-xpathi-taint
        String r1 = xp.evaluate("/users/user[@name='" + name + "']/role", doc);
        // ruleid: java-xpathi-taint
        javax.xml.xpath.XPathExpression e = xp.compile("//user[@id='" + request.getHeader("X-Id") + "']");
        // ok: java-xpathi-taint
        String r2 = xp.evaluate("/users/user[@name='admin']/role", doc);
    }
    private org.w3c.dom.Document load() { return null; }

}
