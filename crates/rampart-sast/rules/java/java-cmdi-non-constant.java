import java.io.IOException;

class Tools {
    void ping(String host) throws IOException {
        // ruleid: java-cmdi-non-constant
        Runtime.getRuntime().exec("sh -c ping -c 1 " + host);
    }

    void shell(Runtime r, String script) throws IOException {
        // ruleid: java-cmdi-non-constant
        r.exec(new String[] {"bash", "-c", script});
        ProcessBuilder pb = new ProcessBuilder();
        // ruleid: java-cmdi-non-constant
        pb.command("sh", "-c", String.format("tar xf %s", script));
    }

    void plugin(String name) {
        // ruleid: java-cmdi-non-constant
        System.loadLibrary(String.format("%s-native", name));
    }

    void safe(Runtime r, String count) throws IOException {
        // ok: java-cmdi-non-constant
        r.exec("uptime");
        // ok: java-cmdi-non-constant
        r.exec(new String[] {"ping", "-c", String.valueOf(Integer.parseInt(count)), "example.com"});
        // ok: java-cmdi-non-constant
        System.loadLibrary("zip");
    }
}
