"""Prints the legacy request bodies replayed by the Go oracle (JSON on stdout)."""
import base64, json, sys
cases = []
def add(name, body, cl=None, max_bytes=0):
    if isinstance(body, str):
        body = body.encode('utf-8')
    if cl is None:
        cl = len(body)
    cases.append({"name": name, "body": base64.b64encode(body).decode(), "contentLength": cl, "maxBytes": max_bytes})

def req(**kw):
    base = {"event-type": "order.created", "event-type-version": "v1", "event-time": "2020-04-02T21:37:00Z", "data": {"x": 1}}
    for k, v in kw.items():
        k = k.replace('_', '-')
        if v is Ellipsis:
            base.pop(k, None)
        else:
            base[k] = v
    return json.dumps(base, ensure_ascii=False)

V = req()
add("valid request", V)
add("valid request with event-id", req(event_id="4a8b3fb7-3ac6-4a5a-a1a8-7ab1c6b1b5d7"))
add("upper-case event-id", req(event_id="4A8B3FB7-3AC6-4A5A-A1A8-7AB1C6B1B5D7"))
add("explicit empty event-id", req(event_id=""))
add("content-length 0", "", 0)
add("content-length 0 with a body", V, 0)
add("chunked empty body", "", -1)
add("chunked whitespace only", " \t\r\n ", -1)
add("not JSON", "I am not JSON")
add("HTML", "<html></html>")
add("single quote", "'a'")
add("byte order mark", b"\xef\xbb\xbf" + V.encode())
add("byte 0x80", b"\x80")
add("byte 0xa0", b"\xa0")
add("byte 0xad", b"\xad")
add("byte 0xff", b"\xff")
add("control byte", b"\x01")
add("DEL byte", b"\x7f")
add("backslash", "\\")
add("truncated object", '{"event-type":')
add("truncated string", '{"a":"abc')
add("truncated after whitespace", ' \n {')
add("missing colon", '{"event-type" "x"}')
add("missing comma", '{"a":1 "b":2}')
add("missing comma in array", '{"a":[1 2]}')
add("number as key", '{1:2}')
add("trailing comma in object", '{"a":1,}')
add("trailing comma in array", '{"a":[1,]}')
add("control char in string", b'{"a":"\x01"}')
add("newline in string", b'{"a":"\n"}')
add("bad escape", '{"a":"\\q"}')
add("bad unicode escape", '{"a":"\\u12G4"}')
add("minus without digits", '{"a":-x}')
add("digit after dot missing", '{"a":1.x}')
add("exponent digits missing", '{"a":1ex}')
add("exponent sign without digits", '{"a":1e+}')
add("leading zero", '{"a":01}')
add("truncated true", '{"a":tru}')
add("truncated null", '{"a":nul}')
add("bad false", '{"a":fals}')
add("capital True", '{"a":True}')
add("top-level minus at EOF", '-')
add("top-level number then EOF ok", '12')
add("valid body with trailing garbage", V + "xyz")
add("valid body followed by a second value", V + '{"event-type":""}')
add("top-level array", '[]')
add("top-level string", '"x"')
add("top-level number", '123')
add("top-level number then garbage", '01')
add("top-level number then bracket", '1]')
add("top-level bool", 'true')
add("top-level null", 'null')
add("empty object", '{}')
add("event-type number", req(event_type=1))
add("event-type bool", req(event_type=True))
add("event-type object", req(event_type={"a": 1}))
add("event-type array", req(event_type=[1]))
add("event-type null", req(event_type=None))
add("event-time number", req(event_time=5))
add("data overflow", req(data=[1, {"a": "1e400"}]).replace('"1e400"', '1e400'))
add("data overflow before type error", '{"data":1e400,"event-type":5}')
add("type error before data overflow", '{"event-type":5,"data":1e400}')
add("overflow under an unknown key is ignored", '{"other":1e400,' + V[1:])
add("type error under an unknown key is ignored", '{"other":{"a":[1,2]},' + V[1:])
add("duplicate keys, last wins", '{"event-type":"first","EVENT-TYPE":"second",' + req(event_type=Ellipsis)[1:])
add("null does not reset a string field", '{"event-type":"first","event-type":null,' + req(event_type=Ellipsis)[1:])
add("null resets data", V[:-1] + ',"data":null}')
add("case-insensitive keys", '{"Event-Type":"a.b","EVENT-TYPE-VERSION":"v2","event-TIME":"2020-04-02T21:37:00Z","Data":1}')
add("long s folds to S", '{"event-type":"a.b","event-type-verſion":"v3","event-time":"2020-04-02T21:37:00Z","data":1}')
add("dotted I does not fold to I", '{"event-type":"a.b","event-type-version":"v3","event-tİme":"2020-04-02T21:37:00Z","data":1}')
add("dotless i does not fold to I", '{"event-type":"a.b","event-type-version":"v3","event-tıme":"2020-04-02T21:37:00Z","data":1}')
add("other unicode does not fold", '{"event-type":"a.b","event-type-version":"v3","event-time":"2020-04-02T21:37:00Z","dÀta":1}')
add("escaped key", '{"event\\u002dtype":"a.b","event-type-version":"v3","event-time":"2020-04-02T21:37:00Z","data":1}')
add("unknown keys ignored", '{"foo":"bar",' + V[1:])
add("missing event-type", req(event_type=Ellipsis))
add("empty event-type", req(event_type=""))
add("missing version", req(event_type_version=Ellipsis))
add("version without alphanumerics", req(event_type_version="-._"))
add("version with a non-ASCII letter only", req(event_type_version="ü"))
add("version with one alphanumeric", req(event_type_version="-1-"))
add("missing event-time and version check first", req(event_type_version="-", event_time=Ellipsis))
add("missing event-time", req(event_time=Ellipsis))
for i, t in enumerate([
    "2020-04-02T21:37:00", "2020-04-02t21:37:00Z", "2020-04-02T21:37:00z", "2020-02-30T00:00:00Z",
    "2021-02-29T00:00:00Z", "2020-04-02T24:00:00Z", "2020-04-02T21:60:00Z", "2020-04-02T21:37:60Z",
    "2020-04-02T21:37:00.Z", " 2020-04-02T21:37:00Z", "2020-4-02T21:37:00Z", "2020-04-02T21:37:00+0100",
    "2020-04-02T21:37:00+25:00", "2020-04-02T21:37:00+01:61", "2020-13-02T21:37:00Z", "2020-00-02T21:37:00Z",
    "2020-04-00T21:37:00Z", "2020-04-02 21:37:00Z", "2020-04-02T21:37:00ZZ", "20200-04-02T21:37:00Z",
    "2020-04-02T123:37:00Z", "+020-04-02T21:37:00Z", "2020-04-02T21:37Z", "2020-04-02T21:37:00+01",
    "2020-04-02T21:37:00.5+1:00", "2020-04-31T00:00:00Z", "1900-02-29T00:00:00Z",
    ]):
    add(f"invalid event-time {t!r}", req(event_time=t))
for t in [
    "2020-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2020-04-02T1:02:03Z", "2020-04-02T21:37:00.123456789123Z",
    "2020-04-02T21:37:00,5Z", "2020-04-02T21:37:00.000Z", "2020-04-02T21:37:00.120Z", "2020-04-02T21:37:00+02:00",
    "2020-04-02T21:37:00-07:30", "2020-04-02T21:37:00+24:00", "2020-04-02T21:37:00+24:60", "2020-04-02T21:37:00+23:59",
    "0000-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00Z", "0099-06-15T12:00:00Z",
    "2020-04-02T00:00:00.000000001Z", "2020-12-31T23:30:00-00:45",
    ]:
    add(f"valid event-time {t!r}", req(event_time=t))
add("invalid event-id", req(event_id="abc"))
add("event-id with trailing newline", req(event_id="4a8b3fb7-3ac6-4a5a-a1a8-7ab1c6b1b5d7\n"))
add("event-id checked before data", req(event_id="abc", data=Ellipsis))
add("missing data", req(data=Ellipsis))
add("null data", req(data=None))
add("empty string data", req(data=""))
for i, d in enumerate([0, False, "x", [], {}, "{\"a\":1}", {"b": 1, "a": {"d": 1, "c": 2}}, "<>&\u2028\u2029", [None, True, "é"]]):
    add(f"data value {json.dumps(d, ensure_ascii=False)}", req(data=d))
add("data numbers", V.replace('{"x": 1}', '[1.0, 1e3, -0, -0.0, 0.000001, 1e-7, 1.5e-10, 1e20, 1e21, 123456789012345678901234567890, 1.5e300, 5e-324, 1e-400, 0.1, 100, 2.50, 1E2, -1.25e-5]'))
add("data duplicate keys", V.replace('{"x": 1}', '{"a":1,"b":2,"a":3}'))
add("data key order by code point", V.replace('{"x": 1}', '{"z":1,"é":2,"😀":3,"～":4,"A":5,"":6}'))
add("data escapes", V.replace('{"x": 1}', '"\\u0001\\b\\f\\n\\r\\t\\u007f\\/\\"\\\\ \\u00e9"'))
add("data lone high surrogate", V.replace('{"x": 1}', '"a\\ud800b"'))
add("data lone low surrogate", V.replace('{"x": 1}', '"a\\udc00\\ud83d\\ude00b"'))
add("data surrogate pair", V.replace('{"x": 1}', '"\\ud83d\\ude00"'))
add("data high surrogate then non-low escape", V.replace('{"x": 1}', '"\\ud800\\u0041"'))
add("data invalid UTF-8", V.encode().replace(b'{"x": 1}', b'"a\xffb\xe2\x82c\xed\xa0\x80d\xc0\xafe\xf4\x90\x80\x80f\xf0\x9f\x98\x80"'))
add("event-type invalid UTF-8", V.encode().replace(b'order.created', b'order\xe9.created'))
add("event-type with escapes", req(event_type="order\u00e9\t.created"))
deep_ok = '[' * 5000 + ']' * 5000
add("data nested 5000 deep", V.replace('{"x": 1}', deep_ok))
add("nesting over 10000", '{"data":' + '[' * 10000 + ']' * 10000 + '}')
add("nesting exactly 10000", '[' * 9999 + ']' * 9999)
limit = len(V)
add("too large: value does not end within the limit", V, None, limit - 1)
add("value ends exactly at the limit", V + "   garbage", None, limit)
add("syntax error within the limit of a too-large body", "{x" + " " * 100, None, 50)
add("whitespace only up to the limit", " " * 100, None, 50)
add("under the limit", V, None, limit + 10)
add("top-level number at the limit", "1234", None, 3)
json.dump(cases, sys.stdout)
