import groovy.lang.GroovyShell;
import javax.script.ScriptEngine;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;

class Calculator {
    Object groovy(String expr) {
        GroovyShell shell = new GroovyShell();
        // ruleid: java-code-injection-non-constant
        return shell.evaluate(expr);
    }

    Object js(ScriptEngine engine, String formula) throws Exception {
        // ruleid: java-code-injection-non-constant
        return engine.eval("var x = " + formula + ";");
    }

    Object spel(String field) {
        ExpressionParser parser = new SpelExpressionParser();
        // ruleid: java-code-injection-non-constant
        return parser.parseExpression("order." + field).getValue();
    }

    Object safe(ScriptEngine engine, String value) throws Exception {
        GroovyShell shell = new GroovyShell();
        // ok: java-code-injection-non-constant
        shell.evaluate("1 + 1");
        engine.put("input", value);
        // ok: java-code-injection-non-constant
        return engine.eval("input.trim()");
    }
}
