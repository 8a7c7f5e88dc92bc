import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class ExprServlet extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String expr = request.getParameter("expr");
        org.springframework.expression.ExpressionParser parser = new org.springframework.expression.spel.standard.SpelExpressionParser();
        // ruleid: java-code-injection-taint
        Object v = parser.parseExpression(expr).getValue();
        javax.script.ScriptEngine engine = new javax.script.ScriptEngineManager().getEngineByName("js");
        // ruleid: java-code-injection-taint
        engine.eval("var x = " + expr);
        // ok: java-code-injection-taint
        Object w = parser.parseExpression("1 + 2").getValue();
    }

}
