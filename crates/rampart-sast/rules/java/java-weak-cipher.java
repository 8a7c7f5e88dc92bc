import javax.crypto.*;

class Crypto {
    static final java.util.Properties PROPS = new java.util.Properties();

    byte[] enc(byte[] data, SecretKey key) throws Exception {
        // ruleid: java-weak-cipher
        Cipher c1 = Cipher.getInstance("DES/CBC/PKCS5Padding");
        // ruleid: java-weak-cipher
        Cipher c2 = Cipher.getInstance("AES/ECB/PKCS5Padding");
        String alg = PROPS.getProperty("cipher", "DESede/ECB/PKCS5Padding");
        // ruleid: java-weak-cipher
        Cipher c3 = Cipher.getInstance(alg);
        // ruleid: java-weak-cipher
        Cipher c4 = Cipher.getInstance("AES");
        // ok: java-weak-cipher
        Cipher c5 = Cipher.getInstance("AES/GCM/NoPadding");
        // ok: java-weak-cipher
        KeyGenerator kg = KeyGenerator.getInstance("AES");
        return c5.doFinal(data);
    }
}
