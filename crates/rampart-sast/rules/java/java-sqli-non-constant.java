import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

class UserDao {
    private static final String ALL = "SELECT * FROM users";
    Connection con;
    JdbcTemplate jdbc;

    List<Map<String, Object>> byName(String name) {
        // ruleid: java-sqli-non-constant
        return jdbc.queryForList("SELECT * FROM users WHERE name = '" + name + "'");
    }

    void rename(String id, String name) throws Exception {
        Statement stmt = con.createStatement();
        String sql = String.format("UPDATE users SET name = '%s' WHERE id = %s", name, id);
        // ruleid: java-sqli-non-constant
        stmt.executeUpdate(sql);
    }

    void raw(String sql) throws Exception {
        // ruleid: java-sqli-non-constant
        con.createStatement().execute(sql);
    }

    List<Map<String, Object>> safe(String name, String id) throws Exception {
        // ok: java-sqli-non-constant
        con.createStatement().executeQuery(ALL);
        // ok: java-sqli-non-constant
        con.prepareStatement("SELECT * FROM users WHERE id = " + Integer.parseInt(id));
        String active = "SELECT * FROM users WHERE active = '" + (name != null) + "'";
        // ok: java-sqli-non-constant
        jdbc.execute(active);
        // ok: java-sqli-non-constant
        return jdbc.queryForList("SELECT * FROM users WHERE name = ?", name);
    }
}
