import javax.crypto.Cipher;
import javax.crypto.NullCipher;

class Vault {
    byte[] seal(byte[] data) throws Exception {
        // ruleid: java-null-cipher
        Cipher cipher = new NullCipher();
        return cipher.doFinal(data);
    }

    byte[] sealProperly(byte[] data, javax.crypto.SecretKey key) throws Exception {
        // ok: java-null-cipher
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(data);
    }
}
