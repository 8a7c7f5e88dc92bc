class Net {
    void open() throws Exception {
        // ruleid: java-cleartext-socket
        java.net.Socket s = new java.net.Socket("payments.example.com", 80);
        // ok: java-cleartext-socket
        java.net.Socket t = javax.net.ssl.SSLSocketFactory.getDefault().createSocket("payments.example.com", 443);
        // ruleid: java-cleartext-socket
        java.net.URL u = new java.net.URL("http://api.example.com/pay");
    }
}
