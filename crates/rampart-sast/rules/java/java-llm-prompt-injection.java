import javax.servlet.http.*;
import com.anthropic.models.messages.*;

class ChatServlet extends HttpServlet {
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        String persona = request.getParameter("persona");
        MessageCreateParams params = MessageCreateParams.builder()
                .model(Model.CLAUDE_SONNET_4_5)
                .maxTokens(1024)
                // ruleid: java-llm-prompt-injection
                .system("You are a helpful assistant. Persona: " + persona)
                .addUserMessage(request.getParameter("q"))
                .build();
        MessageCreateParams fixed = MessageCreateParams.builder()
                .model(Model.CLAUDE_SONNET_4_5)
                .maxTokens(1024)
                // ok: java-llm-prompt-injection
                .system("You are a helpful assistant.")
                .build();
    }
}
