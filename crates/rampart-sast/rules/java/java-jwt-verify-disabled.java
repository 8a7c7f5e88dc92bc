import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

class Auth {
    String user(String token, Algorithm alg) {
        // ruleid: java-jwt-verify-disabled
        String sub = JWT.decode(token).getSubject();
        // ok: java-jwt-verify-disabled
        String ok = JWT.require(alg).build().verify(token).getSubject();
        return sub + ok;
    }
}
