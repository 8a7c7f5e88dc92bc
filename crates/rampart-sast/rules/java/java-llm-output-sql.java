import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.*;

class Text2Sql {
    OpenAIClient client;

    java.sql.ResultSet answer(java.sql.Connection conn, String question) throws Exception {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o").maxCompletionTokens(300).addUserMessage(question).build());
        String sql = completion.choices().get(0).message().content().get();
        // ruleid: java-llm-output-sql
        return conn.createStatement().executeQuery(sql);
    }

    java.sql.ResultSet lookup(java.sql.Connection conn, String question) throws Exception {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o").maxCompletionTokens(50).addUserMessage(question).build());
        String label = completion.choices().get(0).message().content().get();
        java.sql.PreparedStatement ps = conn.prepareStatement("SELECT * FROM docs WHERE label = ?");
        ps.setString(1, label);
        // ok: java-llm-output-sql
        return ps.executeQuery();
    }
}
