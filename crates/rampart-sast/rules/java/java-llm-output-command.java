import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.*;

class Ops {
    AnthropicClient client;

    void run(String goal) throws Exception {
        Message msg = client.messages().create(MessageCreateParams.builder()
                .model(Model.CLAUDE_SONNET_4_5).maxTokens(256).addUserMessage("Command for: " + goal).build());
        String cmd = msg.content().get(0).asText().text();
        // ruleid: java-llm-output-command
        Runtime.getRuntime().exec(new String[] {"sh", "-c", cmd});
        // ok: java-llm-output-command
        Runtime.getRuntime().exec(new String[] {"uptime"});
    }
}
