package io.handoff.vendor.screening;

import io.handoff.vendor.VendorProperties;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The sanctions list screened against, read once at start-up from {@code
 * handoff.vendor.sanctions.list} in the layout of the EU Financial Sanctions Files consolidated
 * list (XML 1.1: {@code export/sanctionEntity} with {@code nameAlias/@wholeName}).
 */
@Component
public class SanctionsList {

  private static final Logger log = LoggerFactory.getLogger(SanctionsList.class);

  private final List<SanctionsEntry> entries;
  private final String source;

  public SanctionsList(VendorProperties properties, ResourceLoader resourceLoader) {
    this.source = properties.sanctions().list();
    Resource resource = resourceLoader.getResource(source);
    try (InputStream in = resource.getInputStream()) {
      this.entries = parse(in);
    } catch (IOException | XMLStreamException e) {
      throw new IllegalStateException("cannot read sanctions list " + source, e);
    }
    log.info("Sanctions list {} loaded with {} entries", source, entries.size());
  }

  public List<SanctionsEntry> entries() {
    return entries;
  }

  public String source() {
    return source;
  }

  static List<SanctionsEntry> parse(InputStream in) throws XMLStreamException {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    XMLStreamReader xml = factory.createXMLStreamReader(in);
    List<SanctionsEntry> result = new ArrayList<>();
    String id = null;
    String reference = null;
    String type = null;
    String programme = null;
    String country = null;
    List<String> names = new ArrayList<>();
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        switch (xml.getLocalName()) {
          case "sanctionEntity" -> {
            id = attribute(xml, "logicalId");
            reference = attribute(xml, "euReferenceNumber");
            type = null;
            programme = null;
            country = null;
            names = new ArrayList<>();
          }
          case "regulation" ->
              programme = programme == null ? attribute(xml, "programme") : programme;
          case "subjectType" -> type = attribute(xml, "classificationCode");
          case "nameAlias" -> {
            String whole = attribute(xml, "wholeName");
            if (whole != null && !whole.isBlank()) {
              names.add(whole.trim());
            }
          }
          case "address", "citizenship", "birthdate" -> {
            String iso = attribute(xml, "countryIso2Code");
            if (country == null && iso != null && !iso.isBlank() && !"00".equals(iso)) {
              country = iso;
            }
          }
          default -> {
            // other elements (remarks, identifications) are not screened
          }
        }
      } else if (event == XMLStreamConstants.END_ELEMENT
          && "sanctionEntity".equals(xml.getLocalName())
          && !names.isEmpty()) {
        result.add(new SanctionsEntry(id, reference, type, names, programme, country));
      }
    }
    return List.copyOf(result);
  }

  private static String attribute(XMLStreamReader xml, String name) {
    return xml.getAttributeValue(null, name);
  }
}
