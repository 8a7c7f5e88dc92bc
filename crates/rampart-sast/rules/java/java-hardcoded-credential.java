class Db {
    // ruleid: java-hardcoded-credential
    private static final String DB_PASSWORD = "Pr0d-Passw0rd!";
    // ok: java-hardcoded-credential
    private static final String PASSWORD_PARAM = System.getenv("DB_PASSWORD_PARAM");

    java.sql.Connection open(String url) throws Exception {
        // ruleid: java-hardcoded-credential
        return java.sql.DriverManager.getConnection(url, "admin", "s3cret!");
    }

    java.sql.Connection openOk(String url) throws Exception {
        // ok: java-hardcoded-credential
        return java.sql.DriverManager.getConnection(url, "admin", System.getenv("DB_PASSWORD"));
    }
}
