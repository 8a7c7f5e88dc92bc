import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class LdapServlet extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext();
        javax.naming.directory.SearchControls sc = new javax.naming.directory.SearchControls();
        String user = request.getParameter("user");
        // ruleid: java-ldapi-taint
        ctx.search("ou=users,dc=example,dc=com", "(uid=" + user + ")", sc);
        // ok: java-ldapi-taint
        ctx.search("ou=users,dc=example,dc=com", "(uid={0})", new Object[] {user}, sc);
        // ok: java-ldapi-taint
        ctx.search("ou=users,dc=example,dc=com", "(objectclass=person)", sc);
    }

}
