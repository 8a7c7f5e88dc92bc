import html
from twilio.rest import Client
from twilio.twiml.voice_response import VoiceResponse


def announce(client: Client, to, src, msg):
    # ruleid: python-twiml-injection
    client.calls.create(to=to, from_=src, twiml=f"<Response><Say>{msg}</Say></Response>")


def announce_safe(client: Client, to, src, msg):
    response = VoiceResponse()
    response.say(msg)
    # ok: python-twiml-injection
    client.calls.create(to=to, from_=src, twiml=str(response))


def announce_escaped(client: Client, to, src, msg):
    # ok: python-twiml-injection
    client.calls.create(to=to, from_=src, twiml="<Response><Say>" + html.escape(msg) + "</Say></Response>")
