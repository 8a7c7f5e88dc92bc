import java.nio.file.*;
import java.nio.file.attribute.*;

class Perms {
    void open(Path p) throws Exception {
        // ruleid: java-insecure-file-permissions
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        // ok: java-insecure-file-permissions
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    }
}
