class Dao {
    java.sql.ResultSet find(java.sql.Connection conn, String id, String table) throws Exception {
        java.sql.Statement stmt = conn.createStatement();
        // ruleid: java-sqli-string-format
        stmt.executeQuery("SELECT * FROM items WHERE id = " + id);
        String q = String.format("SELECT * FROM %s WHERE id = '%s'", table, id);
        // ruleid: java-sqli-string-format
        stmt.executeQuery(q);
        // ok: java-sqli-string-format
        conn.prepareStatement("SELECT * FROM items WHERE id = ?");
        // ok: java-sqli-string-format
        return stmt.executeQuery("SELECT * FROM items");
    }
}
