import java.io.*;
import java.util.*;
import javax.servlet.http.*;

public class MongoServlet extends HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        String name = request.getParameter("name");
        // ruleid: java-nosqli-taint
        collection.find(com.mongodb.BasicDBObject.parse("{name: '" + name + "'}"));
        // ruleid: java-nosqli-taint
        collection.find(new com.mongodb.BasicDBObject("$where", "this.name == '" + name + "'"));
        // ok: java-nosqli-taint
        collection.find(com.mongodb.client.model.Filters.eq("name", name));
    }
    com.mongodb.client.MongoCollection<org.bson.Document> collection;

}
