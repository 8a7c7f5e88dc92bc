import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.*;

@RestController
class EmployeeController {
    @RequestMapping("/employee")
    String find(@RequestParam String empid) {
        // ruleid: java-sqli-string-taint
        String query = "SELECT name, mail FROM employee WHERE id = " + empid;
        return query;
    }

    String search(HttpServletRequest request) {
        // ruleid: java-sqli-string-taint
        return String.format("SELECT * FROM items WHERE name = '%s'", request.getParameter("q"));
    }

    String safe(HttpServletRequest request) {
        int id = Integer.parseInt(request.getParameter("id"));
        // ok: java-sqli-string-taint
        String byId = "SELECT * FROM items WHERE id = " + id;
        // ok: java-sqli-string-taint
        String message = "Selected " + request.getParameter("q") + " from the list";
        return byId + message;
    }
}
