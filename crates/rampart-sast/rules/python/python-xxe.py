from lxml import etree
import xml.sax
from xml.sax.handler import feature_external_ges
import defusedxml.ElementTree as DET

def parse_upload(data):
    # ruleid: python-xxe
    parser = etree.XMLParser(resolve_entities=True)
    return etree.fromstring(data, parser)

def sax(handler, stream):
    p = xml.sax.make_parser()
    # ruleid: python-xxe
    p.setFeature(feature_external_ges, True)
    p.parse(stream)

def safe(data):
    # ok: python-xxe
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    # ok: python-xxe
    return DET.fromstring(data)
