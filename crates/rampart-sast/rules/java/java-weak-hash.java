import java.security.MessageDigest;

class Hashes {
    static final java.util.Properties PROPS = new java.util.Properties();

    byte[] digest(byte[] data) throws Exception {
        // ruleid: java-weak-hash
        MessageDigest a = MessageDigest.getInstance("MD5");
        // ruleid: java-weak-hash
        MessageDigest b = MessageDigest.getInstance("SHA1", "SUN");
        String alg = PROPS.getProperty("hash", "MD5");
        // ruleid: java-weak-hash
        MessageDigest c = MessageDigest.getInstance(alg);
        // ok: java-weak-hash
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        return d.digest(data);
    }
}
