class Tls {
    void init() throws Exception {
        // ruleid: java-weak-tls-version
        javax.net.ssl.SSLContext a = javax.net.ssl.SSLContext.getInstance("SSL");
        // ruleid: java-weak-tls-version
        javax.net.ssl.SSLContext b = javax.net.ssl.SSLContext.getInstance("TLSv1");
        // ok: java-weak-tls-version
        javax.net.ssl.SSLContext c = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
    }
}
