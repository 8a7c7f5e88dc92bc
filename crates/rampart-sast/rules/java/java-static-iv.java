import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

class Sealer {
    byte[] sealFixed(Cipher c, SecretKey key, byte[] data) throws Exception {
        // ruleid: java-static-iv
        byte[] iv = {
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
        };
        IvParameterSpec spec = new IvParameterSpec(iv);
        c.init(Cipher.ENCRYPT_MODE, key, spec);
        return c.doFinal(data);
    }

    byte[] sealRandom(Cipher c, SecretKey key, byte[] data) throws Exception {
        // ok: java-static-iv
        byte[] iv = new byte[16];
        new SecureRandom().nextBytes(iv);
        c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        return c.doFinal(data);
    }
}
