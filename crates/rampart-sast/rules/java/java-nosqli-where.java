import com.mongodb.BasicDBObject;

class Notes {
    BasicDBObject shared(String userName) {
        BasicDBObject query = new BasicDBObject();
        // ruleid: java-nosqli-where
        query.put("$where", "this.sharedWith == \"" + userName + "\"");
        // ok: java-nosqli-where
        query.put("sharedWith", userName);
        return query;
    }

    BasicDBObject fixed() {
        // ok: java-nosqli-where
        return new BasicDBObject("$where", "this.archived == false");
    }

    BasicDBObject built(String email) {
        // ruleid: java-nosqli-where
        return new BasicDBObject("$where", String.format("this.email == '%s'", email));
    }
}
