// XML both ways: the layout loader, the element <-> JSON convention, the
// DOCTYPE refusal (billion laughs), size and depth caps, encodings, malformed
// input positions, escaping, and round trips.
#include <gtest/gtest.h>

#include <sstream>

#include "parsers/flat/flat_test_support.h"
#include "parsers/flat/xml_layout.h"
#include "parsers/flat/xml_names.h"
#include "parsers/flat/xml_reader.h"
#include "parsers/flat/xml_writer.h"

namespace bridge::parsers::flat {
namespace {

using nlohmann::json;
using Lines = std::vector<std::string>;

XmlLayout invoiceLayout() {
  XmlLayout layout;
  layout.root = "Invoice";
  return layout;
}

core::Result<json> read(std::string_view text, const XmlLayout& layout = invoiceLayout()) {
  std::istringstream in{std::string(text)};
  return readXml(in, layout, "invoice.xml");
}

json document(std::string_view text, const XmlLayout& layout = invoiceLayout()) {
  core::Result<json> result = read(text, layout);
  EXPECT_TRUE(result.isOk()) << result.status().toString();
  return result ? result.value() : json();
}

std::string errorOf(std::string_view text, const XmlLayout& layout = invoiceLayout()) {
  core::Result<json> result = read(text, layout);
  EXPECT_FALSE(result.isOk());
  return result.status().message();
}

std::string write(const json& value, const XmlLayout& layout = invoiceLayout()) {
  std::ostringstream out;
  const core::Status status = writeXml(value, layout, out);
  EXPECT_TRUE(status.isOk()) << status.toString();
  return out.str();
}

std::string writeError(const json& value, const XmlLayout& layout = invoiceLayout()) {
  std::ostringstream out;
  const core::Status status = writeXml(value, layout, out);
  EXPECT_FALSE(status.isOk());
  return status.message();
}

testing::Loaded<XmlLayout> load(std::string_view yaml) {
  return testing::loadLayout<XmlLayout>(yaml, "xml", loadXmlLayout);
}

TEST(XmlLayoutLoader, ReadsTheRootAndLimits) {
  const XmlLayout layout = testing::layoutOf<XmlLayout>(
      "xml:\n  root: ns:Invoice\n  max_bytes: 1000\n  max_depth: 8\n", "xml", loadXmlLayout);
  EXPECT_EQ(layout.root, "ns:Invoice");
  EXPECT_EQ(layout.maxBytes, 1000u);
  EXPECT_EQ(layout.maxDepth, 8u);
  const XmlLayout defaults =
      testing::layoutOf<XmlLayout>("xml: {root: Invoice}\n", "xml", loadXmlLayout);
  EXPECT_EQ(defaults.maxBytes, 16u << 20);
  EXPECT_EQ(defaults.maxDepth, 64u);
}

TEST(XmlLayoutLoader, ReportsEveryProblem) {
  EXPECT_EQ(load("xml:\n  max_bytes: 0\n  max_depth: 5000\n  rot: Invoice\n").problems,
            (Lines{
                "map.yaml:2:3: xml needs the key 'root'",
                "map.yaml:2:14: xml 'max_bytes' is '0'; expected a whole number from 1 to "
                "1073741824",
                "map.yaml:3:14: xml 'max_depth' is '5000'; expected a whole number from 1 to 1024",
                "map.yaml:4:3: unknown key 'rot' in xml; expected 'root', 'max_bytes' or "
                "'max_depth'",
            }));
  EXPECT_EQ(load("xml:\n  root: 2nd Invoice\n").problems,
            Lines{"map.yaml:2:9: xml 'root' is '2nd Invoice', which is not an XML element name (a "
                  "letter or '_' first, then letters, digits, '-', '.' or '_')"});
}

TEST(XmlNames, AcceptsXmlNamesOnly) {
  EXPECT_TRUE(isXmlName("Invoice"));
  EXPECT_TRUE(isXmlName("ns:line-item_2.x"));
  EXPECT_TRUE(isXmlName("Größe"));
  EXPECT_FALSE(isXmlName(""));
  EXPECT_FALSE(isXmlName("2nd"));
  EXPECT_FALSE(isXmlName("a b"));
  EXPECT_FALSE(isXmlName("-a"));
  EXPECT_EQ(appendPointer("/Invoice", "a/b~c"), "/Invoice/a~1b~0c");
}

TEST(XmlReader, ConvertsElementsAttributesAndText) {
  EXPECT_EQ(document(R"(<?xml version="1.0"?>
<!-- exported -->
<Invoice id="7" currency="EUR">
  <Number>INV1</Number>
  <Line qty="2">Widget</Line>
  <Line><Sku>A</Sku><Sku>B</Sku></Line>
  <Empty/>
  <Note>  two  spaces  </Note>
  <Escaped>&lt;a&gt; &amp; &quot;b&quot; &#233;&#x20AC;</Escaped>
  <Raw><![CDATA[<not> & parsed]]></Raw>
  <ns:Ref xmlns:ns="urn:x">R1</ns:Ref>
</Invoice>
)"),
            json::parse(R"({"Invoice": {
              "@id": "7", "@currency": "EUR",
              "Number": ["INV1"],
              "Line": [{"@qty": "2", "#text": "Widget"}, {"Sku": ["A", "B"]}],
              "Empty": [""],
              "Note": ["  two  spaces  "],
              "Escaped": ["<a> & \"b\" é€"],
              "Raw": ["<not> & parsed"],
              "ns:Ref": [{"@xmlns:ns": "urn:x", "#text": "R1"}]}})"));
}

TEST(XmlReader, KeepsTheTextOfMixedContent) {
  EXPECT_EQ(document("<Invoice>Total: <b>5</b> EUR</Invoice>"),
            json::parse(R"({"Invoice": {"#text": "Total:  EUR", "b": ["5"]}})"));
  EXPECT_EQ(document("<Invoice/>"), json::parse(R"({"Invoice": ""})"));
  EXPECT_EQ(document("<Invoice>x</Invoice>"), json::parse(R"({"Invoice": "x"})"));
}

TEST(XmlReader, RefusesAnotherRootElement) {
  EXPECT_EQ(errorOf("<?xml version=\"1.0\"?>\n<Order/>"),
            "invoice.xml:2:2: the root element is <Order>, but the mapping expects <Invoice> "
            "(xml.root); check that this is the right document");
}

constexpr char kBillionLaughs[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE lolz [\n"
    " <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
    "]>\n"
    "<Invoice>&lol9;</Invoice>\n";

constexpr char kDoctypeRefused[] =
    ": the document has a DOCTYPE declaration; edi-bridge refuses DTDs, so that no entity can "
    "be declared or expanded (entity expansion such as the 'billion laughs' and external "
    "entities are classic XML attacks). Remove the DOCTYPE from the document";

TEST(XmlReaderSafety, RefusesTheBillionLaughs) {
  EXPECT_EQ(errorOf(kBillionLaughs), std::string("invoice.xml:2:1") + kDoctypeRefused);
}

TEST(XmlReaderSafety, RefusesEveryDoctype) {
  EXPECT_EQ(errorOf("<!DOCTYPE Invoice SYSTEM \"file:///etc/passwd\"><Invoice/>"),
            std::string("invoice.xml:1:1") + kDoctypeRefused);
  EXPECT_EQ(errorOf("<?xml version=\"1.0\"?><!-- c --><!doctype Invoice><Invoice/>"),
            std::string("invoice.xml:1:32") + kDoctypeRefused);
  EXPECT_EQ(errorOf("<Invoice/>\n<!DOCTYPE x [<!ENTITY e \"e\">]>"),
            std::string("invoice.xml:2:1") + kDoctypeRefused)
      << "also after the root element";
  EXPECT_EQ(document("<!-- <!DOCTYPE in a comment --><Invoice><![CDATA[<!DOCTYPE]]></Invoice>"),
            json::parse(R"({"Invoice": "<!DOCTYPE"})"))
      << "only a real declaration is refused";
}

TEST(XmlReaderSafety, LeavesUndeclaredEntitiesUnexpanded) {
  // Without a DTD nothing can declare &lol;; pugixml keeps the reference as text.
  EXPECT_EQ(document("<Invoice>&lol;</Invoice>"), json::parse(R"({"Invoice": "&lol;"})"));
}

TEST(XmlReaderSafety, CapsTheDocumentSize) {
  XmlLayout layout = invoiceLayout();
  const std::string text = "<Invoice>" + std::string(80, 'x') + "</Invoice>";  // 99 bytes
  layout.maxBytes = 99;
  EXPECT_TRUE(read(text, layout).isOk());
  layout.maxBytes = 98;
  const core::Result<json> result = read(text, layout);
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().code(), core::StatusCode::kResourceExhausted);
  EXPECT_EQ(result.status().message(),
            "invoice.xml: the document is larger than 98 bytes (xml.max_bytes); raise max_bytes "
            "in the mapping if such documents are expected");
}

TEST(XmlReaderSafety, CapsTheNestingDepth) {
  XmlLayout layout = invoiceLayout();
  layout.maxDepth = 3;
  EXPECT_TRUE(read("<Invoice><a><b/></a></Invoice>", layout).isOk());
  const core::Result<json> result = read("<Invoice>\n <a>\n  <b><c/></b></a></Invoice>", layout);
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().code(), core::StatusCode::kResourceExhausted);
  EXPECT_EQ(result.status().message(),
            "invoice.xml:3:7: elements nest deeper than 3 levels (xml.max_depth) at <c>; raise "
            "max_depth in the mapping if the document really is this deep");
}

TEST(XmlReaderSafety, StopsAVeryDeepDocumentWithoutExhaustingTheStack) {
  std::string text = "<Invoice>";
  for (int i = 0; i < 200000; ++i) text += "<a>";
  for (int i = 0; i < 200000; ++i) text += "</a>";
  text += "</Invoice>";
  XmlLayout layout = invoiceLayout();
  layout.maxDepth = 1000000;  // a layout built in code; the loader allows at most 1024
  const core::Result<json> result = read(text, layout);
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().code(), core::StatusCode::kResourceExhausted);
  EXPECT_EQ(result.status().message().substr(0, 57),
            "invoice.xml:1:3080: elements nest deeper than 1024 levels");
}

TEST(XmlReader, ReportsMalformedXmlAtItsPosition) {
  EXPECT_EQ(errorOf("<Invoice>\n  <Line>1</Lin>\n</Invoice>"),
            "invoice.xml:2:12: malformed XML: Start-end tags mismatch; correct the document at "
            "this place");
  EXPECT_EQ(errorOf(""),
            "invoice.xml:1:1: malformed XML: No document element found; correct the document at "
            "this place");
  EXPECT_EQ(errorOf("<Invoice a=\"1\" a=\"2\"/>"),
            "invoice.xml:1:2: <Invoice> has the attribute 'a' twice; XML allows each attribute "
            "once");
}

TEST(XmlReaderEncoding, ReadsDeclaredAndDetectedEncodings) {
  EXPECT_EQ(document("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Invoice>caf\xE9</Invoice>"),
            json::parse(R"({"Invoice": "café"})"));
  EXPECT_EQ(document("<?xml version='1.0' encoding='windows-1252'?><Invoice>\x80</Invoice>"),
            json::parse(R"({"Invoice": "€"})"));
  EXPECT_EQ(document("\xEF\xBB\xBF<Invoice>\xE2\x82\xAC</Invoice>"),
            json::parse(R"({"Invoice": "€"})"));
  static constexpr char kUtf16Le[] =
      "\xFF\xFE<\0I\0n\0v\0o\0i\0c\0e\0>\0\xAC\x20<\0/\0I\0n\0v\0o\0i\0c\0e\0>\0";
  EXPECT_EQ(document(std::string(kUtf16Le, sizeof kUtf16Le - 1)),
            json::parse(R"({"Invoice": "€"})"));
  static constexpr char kUtf16Be[] = "\0<\0?\0x\0m\0l\0?\0>\0<\0I\0n\0v\0o\0i\0c\0e\0/\0>";
  EXPECT_EQ(document(std::string(kUtf16Be, sizeof kUtf16Be - 1)),
            json::parse(R"({"Invoice": ""})"));
}

TEST(XmlReaderEncoding, ReportsBadBytesAndUnknownEncodings) {
  EXPECT_EQ(errorOf("<Invoice>\n  <Name>caf\xE9</Name>\n</Invoice>"),
            "invoice.xml:2:12: invalid UTF-8: the character starting with byte 0xE9 is cut short "
            "by byte 0x3C; if the document is not UTF-8, its XML declaration must say so (<?xml "
            "version=\"1.0\" encoding=\"ISO-8859-1\"?>)");
  EXPECT_EQ(errorOf("<?xml version=\"1.0\" encoding=\"EBCDIC-CP-US\"?><Invoice/>"),
            "invoice.xml:1:31: the document declares the encoding 'EBCDIC-CP-US'; edi-bridge "
            "reads XML in UTF-8, UTF-16, ISO-8859-1 (latin-1) and windows-1252");
  EXPECT_EQ(errorOf("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<Invoice>\x81</Invoice>"),
            "invoice.xml:2:10: byte 0x81 is undefined in windows-1252; check the encoding in the "
            "document's XML declaration");
  EXPECT_EQ(errorOf(std::string("\xFF\xFE<\0I\0\x00\xD8", 8)),
            "invoice.xml:1:3: a UTF-16 high surrogate without its low surrogate; the document is "
            "not valid UTF-16");
  EXPECT_EQ(errorOf("<Invoice>&#xD800;</Invoice>"),
            "invoice.xml:1:2: <Invoice> holds a character reference to something that is not a "
            "character (such as &#xD800;); correct the document");
}

TEST(XmlWriter, WritesTheInverseOfTheReader) {
  EXPECT_EQ(write(json::parse(R"({"Invoice": {
              "@id": "7", "@skip": null,
              "Number": ["INV1"],
              "Line": [{"@qty": 2, "#text": "Widget"}, {"Sku": ["A", "B"]}],
              "Empty": [""],
              "Single": {"Amount": 12.5, "Paid": true, "Nothing": null}}})")),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<Invoice id=\"7\">\n"
            "  <Empty/>\n"
            "  <Line qty=\"2\">Widget</Line>\n"
            "  <Line>\n"
            "    <Sku>A</Sku>\n"
            "    <Sku>B</Sku>\n"
            "  </Line>\n"
            "  <Number>INV1</Number>\n"
            "  <Single>\n"
            "    <Amount>12.5</Amount>\n"
            "    <Nothing/>\n"
            "    <Paid>true</Paid>\n"
            "  </Single>\n"
            "</Invoice>\n");
}

TEST(XmlWriter, EscapesTextAndAttributes) {
  EXPECT_EQ(write(json::parse(R"({"Invoice": {"@note": "a \"q\" <&>\tx\ny\rz",
                                              "#text": "1 < 2 & \"3\" > ]]> \r\n",
                                              "b": ["x"]}})")),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<Invoice note=\"a &quot;q&quot; &lt;&amp;&gt;&#9;x&#10;y&#13;z\">1 &lt; 2 &amp; "
            "\"3\" &gt; ]]&gt; &#13;\n<b>x</b></Invoice>\n")
      << "no indentation inside an element with text";
}

TEST(XmlWriter, RefusesWhatXmlCannotHold) {
  EXPECT_EQ(writeError(json::parse(R"({"Order": {}})")),
            "the document to write as XML must be {\"Invoice\": ...} with the root element of "
            "xml.root as its only key; it has the keys 'Order'");
  EXPECT_EQ(writeError(json::parse(R"({"Invoice": [{}]})")),
            "/Invoice is a list; the root element appears exactly once");
  EXPECT_EQ(writeError(json::parse(R"({"Invoice": {"bad name": "x"}})")),
            "/Invoice/bad name: 'bad name' is not an XML element name; rename it in the mapping");
  EXPECT_EQ(writeError(json::parse(R"({"Invoice": {"@1a": "x"}})")),
            "/Invoice/@1a: '1a' is not an XML attribute name; rename it in the mapping");
  EXPECT_EQ(writeError(json::parse(R"({"Invoice": {"Line": [["x"]]}})")),
            "/Invoice/Line/0 is a list inside a list; each list item must be one element (an "
            "object or a value)");
  EXPECT_EQ(writeError(json::parse(R"({"Invoice": {"Line": [{"@qty": {"n": 1}}]}})")),
            "/Invoice/Line/0/@qty is an object; an attribute holds a single value");
  EXPECT_EQ(writeError(json::parse(R"({"Invoice": {"Note": ["bell \u0007"]}})")),
            "/Invoice/Note/0: the value holds the control character U+0007, which XML 1.0 cannot "
            "carry; remove it in the mapping");
  EXPECT_EQ(writeError(json::parse(R"({"Invoice": {"#text": ["x"]}})")),
            "/Invoice/#text is a list; text is a single value");
  EXPECT_EQ(writeError(json{{"Invoice", std::string("\xC3(")}}),
            "/Invoice: the value is not valid UTF-8 (at byte 0)");
}

TEST(XmlWriter, CapsTheNestingDepth) {
  XmlLayout layout = invoiceLayout();
  layout.maxDepth = 2;
  std::ostringstream out;
  EXPECT_TRUE(writeXml(json::parse(R"({"Invoice": {"a": ["x"]}})"), layout, out).isOk());
  const core::Status status =
      writeXml(json::parse(R"({"Invoice": {"a": [{"b": "x"}]}})"), layout, out);
  EXPECT_EQ(status.code(), core::StatusCode::kResourceExhausted);
  EXPECT_EQ(status.message(),
            "/Invoice/a/0/b: elements nest deeper than 2 levels (xml.max_depth); raise max_depth "
            "in the mapping or flatten the document");
}

TEST(XmlRoundTrip, ReadWriteReadKeepsTheDocument) {
  const json first = document(R"(<?xml version="1.0" encoding="UTF-8"?>
<Invoice id="7" note="tab&#9;and&#10;newline">
  <Header><Number>INV&amp;1</Number><Date>2024-01-31</Date></Header>
  <Line no="1"><Sku>A</Sku><Qty>2</Qty><Text>  café € &lt;b&gt;  </Text></Line>
  <Line no="2"><Sku>B</Sku><Qty>1</Qty><Text/></Line>
  <Remark>first&#13;
second</Remark>
</Invoice>
)");
  ASSERT_TRUE(first.contains("Invoice"));
  EXPECT_EQ(first["Invoice"]["@note"], "tab\tand\nnewline");
  EXPECT_EQ(first["Invoice"]["Remark"][0], "first\r\nsecond");
  const std::string written = write(first);
  EXPECT_EQ(document(written), first);
}

}  // namespace
}  // namespace bridge::parsers::flat
