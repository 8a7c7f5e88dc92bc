import javax.xml.parsers.*;

class Xml {
    org.w3c.dom.Document parse(java.io.InputStream in) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        // ruleid: java-xxe
        DocumentBuilder db = dbf.newDocumentBuilder();
        DocumentBuilderFactory safe = DocumentBuilderFactory.newInstance();
        safe.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        // ok: java-xxe
        DocumentBuilder db2 = safe.newDocumentBuilder();
        return db.parse(in);
    }
}
