import java.util.Random;

class Tokens {
    String token() {
        // ruleid: java-insecure-random
        long v = new Random().nextLong();
        // ruleid: java-insecure-random
        double d = Math.random();
        // ok: java-insecure-random
        java.security.SecureRandom sr = new java.security.SecureRandom();
        return Long.toHexString(v) + d + sr.nextLong();
    }
}
