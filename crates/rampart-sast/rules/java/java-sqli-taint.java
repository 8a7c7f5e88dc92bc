import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class SqlServlet extends HttpServlet {
    private String byName(String name) {
        return "SELECT * FROM users WHERE name = '" + name + "'";
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            java.sql.Connection conn = getConnection();
            java.sql.Statement stmt = conn.createStatement();
            String name = request.getParameter("name");
            // ruleid: java-sqli-taint
            stmt.executeQuery("SELECT * FROM users WHERE name = '" + name + "'");
            // ruleid: java-sqli-taint
            stmt.execute(byName(request.getHeader("X-User")));
            StringBuilder sb = new StringBuilder("SELECT * FROM t WHERE c = '");
            sb.append(name).append("'");
            // ruleid: java-sqli-taint
            conn.prepareStatement(sb.toString()).execute();
            java.sql.PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");
            ps.setString(1, name);
            // ok: java-sqli-taint
            ps.executeQuery();
            // ok: java-sqli-taint
            stmt.executeQuery("SELECT * FROM users WHERE id = " + Integer.parseInt(name));
            // ok: java-sqli-taint
            stmt.executeQuery("SELECT * FROM users WHERE role = 'admin'");
        } catch (java.sql.SQLException e) {
            throw new IOException(e);
        }
    }

    private java.sql.Connection getConnection() { return null; }

}

@org.springframework.web.bind.annotation.RestController
class UserController {
    private org.springframework.jdbc.core.JdbcTemplate jdbc;

    @org.springframework.web.bind.annotation.GetMapping("/users")
    public List<Map<String, Object>> users(@RequestParam("sort") String sort) {
        // ruleid: java-sqli-taint
        return jdbc.queryForList("SELECT * FROM users ORDER BY " + sort);
    }

    @org.springframework.web.bind.annotation.GetMapping("/user")
    public Map<String, Object> user(@RequestParam String id) {
        // ok: java-sqli-taint
        return jdbc.queryForMap("SELECT * FROM users WHERE id = ?", id);
    }
}
