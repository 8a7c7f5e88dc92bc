import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class CmdServlet extends HttpServlet {
    private String[] shell(String arg) {
        return new String[] {"sh", "-c", "echo " + arg};
    }

    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String host = request.getParameter("host");
        // ruleid: java-cmdi-taint
        Runtime.getRuntime().exec("ping -c 1 " + host);
        // ruleid: java-cmdi-taint
        Runtime.getRuntime().exec(shell(request.getHeader("X-Arg")));
        List<String> args = new ArrayList<>();
        args.add("sh");
        args.add("-c");
        args.add("nslookup " + host);
        ProcessBuilder pb = new ProcessBuilder();
        // ruleid: java-cmdi-taint
        pb.command(args);
        // ok: java-cmdi-taint
        Runtime.getRuntime().exec(new String[] {"ping", "-c", "1", "example.com"});
        // ok: java-cmdi-taint
        Runtime.getRuntime().exec("ping -c " + Integer.parseInt(request.getParameter("n")) + " example.com");
    }

}
