import com.openai.models.chat.completions.ChatCompletionCreateParams;

class Ask {
    void build(String q) {
        // ruleid: java-llm-no-max-tokens
        ChatCompletionCreateParams a = ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage(q).build();
        // ok: java-llm-no-max-tokens
        ChatCompletionCreateParams b = ChatCompletionCreateParams.builder().model("gpt-4o").maxCompletionTokens(300).addUserMessage(q).build();
    }
}
