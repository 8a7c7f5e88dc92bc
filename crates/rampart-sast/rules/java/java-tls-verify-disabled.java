import javax.net.ssl.*;
import java.security.cert.X509Certificate;

class TrustAll implements X509TrustManager {
    // ruleid: java-tls-verify-disabled
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    // ok: java-tls-verify-disabled
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException { throw new java.security.cert.CertificateException("no"); }

    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}

class AnyHost implements HostnameVerifier {
    // ruleid: java-tls-verify-disabled
    public boolean verify(String host, SSLSession session) { return true; }
}
