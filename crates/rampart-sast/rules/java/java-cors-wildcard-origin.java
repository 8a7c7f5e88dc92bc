import java.util.List;
import javax.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;

public class Reports {
    void servlet(HttpServletResponse resp) {
        // ruleid: java-cors-wildcard-origin
        resp.setHeader("Access-Control-Allow-Origin", "*");
        // ruleid: java-cors-wildcard-origin
        resp.addHeader("access-control-allow-origin", "null");
        // ok: java-cors-wildcard-origin
        resp.setHeader("Access-Control-Allow-Origin", "https://portal.example.org");
        // ok: java-cors-wildcard-origin
        resp.setHeader("Access-Control-Allow-Methods", "*");
    }

    ResponseEntity<String> entity() {
        HttpHeaders headers = new HttpHeaders();
        // ruleid: java-cors-wildcard-origin
        headers.set("Access-Control-Allow-Origin", "*");
        // ruleid: java-cors-wildcard-origin
        return ResponseEntity.ok().header("Access-Control-Allow-Origin", "*").body("report");
    }

    void registry(CorsRegistry registry, CorsConfiguration config) {
        // ruleid: java-cors-wildcard-origin
        registry.addMapping("/api/**").allowedOrigins("*");
        // ok: java-cors-wildcard-origin
        registry.addMapping("/api/**").allowedOrigins("https://portal.example.org");
        // ruleid: java-cors-wildcard-origin
        config.addAllowedOrigin("*");
        // ruleid: java-cors-wildcard-origin
        config.setAllowedOrigins(List.of("*"));
    }

    @CrossOrigin(origins = "https://portal.example.org")
    public String detail() {
        return "{}";
    }
}
