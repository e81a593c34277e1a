// Command go-oracle replays legacy request bodies through Go's encoding/json, time and the
// CloudEvents SDK the way Kyma's proxy uses them (reference 2.5), and prints what Kyma would
// answer. Its output is the fixture `src/go-oracle-vectors.ts`; it is not part of the product.
//
// Input (stdin): JSON array of {"name", "body" (base64), "contentLength" (-1 = chunked), "maxBytes" (0 = none)}.
// Output (stdout): JSON array of {"name", "status", "body"} or, on success, {"name", "status": 200,
// "type", "id", "time", "data"} where type/id/time/data are those of the step A CloudEvent.
package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"time"

	ce "github.com/cloudevents/sdk-go/v2/event"
	"github.com/cloudevents/sdk-go/v2/types"

	"goracle/api"
)

type input struct {
	Name          string `json:"name"`
	Body          []byte `json:"body"`
	ContentLength int64  `json:"contentLength"`
	MaxBytes      int64  `json:"maxBytes"`
}

type output struct {
	Name   string `json:"name"`
	Status int    `json:"status"`
	Body   string `json:"body,omitempty"`
	Type   string `json:"type,omitempty"`
	ID     string `json:"id,omitempty"`
	Time   string `json:"time,omitempty"`
	Data   string `json:"data,omitempty"`
}

// The legacy error body shape; every field omitted when empty.
type apiError struct {
	Status   int           `json:"status,omitempty"`
	Type     string        `json:"type,omitempty"`
	Message  string        `json:"message,omitempty"`
	MoreInfo string        `json:"moreInfo,omitempty"`
	Details  []errorDetail `json:"details,omitempty"`
}

type errorDetail struct {
	Field    string `json:"field,omitempty"`
	Type     string `json:"type,omitempty"`
	Message  string `json:"message,omitempty"`
	MoreInfo string `json:"moreInfo,omitempty"`
}

var (
	versionPattern = regexp.MustCompile(`[a-zA-Z0-9]+`)
	idPattern      = regexp.MustCompile(`^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$`)
)

func encode(e apiError) string {
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(e)
	return buf.String()
}

func badPayload(info string) (int, string) {
	return 400, encode(apiError{Status: 400, Type: "bad_payload_syntax", Message: "Bad payload syntax", MoreInfo: info})
}

func field(name string, missing bool) (int, string) {
	msg, kind := "Invalid field", "invalid_field"
	if missing {
		msg, kind = "Missing field", "missing_field"
	}
	return 400, encode(apiError{Status: 400, Type: "validation_violation", Message: msg,
		Details: []errorDetail{{Field: name, Type: kind, Message: msg}}})
}

func run(in input) output {
	out := output{Name: in.Name}
	if in.ContentLength == 0 {
		out.Status, out.Body = badPayload("Bad payload syntax")
		return out
	}
	var body io.ReadCloser = io.NopCloser(bytes.NewReader(in.Body))
	if in.MaxBytes > 0 {
		body = http.MaxBytesReader(nil, body, in.MaxBytes)
	}
	var req api.PublishRequestV1
	if err := json.NewDecoder(body).Decode(&req); err != nil {
		if err.Error() == "http: request body too large" {
			out.Status = 413
			out.Body = encode(apiError{Status: 413, Type: "request_body_too_large", Message: "Request body too large", MoreInfo: err.Error()})
		} else {
			out.Status, out.Body = badPayload(err.Error())
		}
		return out
	}
	switch {
	case len(req.EventType) == 0:
		out.Status, out.Body = field("event-type", true)
	case len(req.EventTypeVersion) == 0:
		out.Status, out.Body = field("event-type-version", true)
	case !versionPattern.MatchString(req.EventTypeVersion):
		out.Status, out.Body = field("event-type-version", false)
	case len(req.EventTime) == 0:
		out.Status, out.Body = field("event-time", true)
	default:
		t, err := time.Parse(time.RFC3339, req.EventTime)
		if err != nil {
			out.Status, out.Body = field("event-time", false)
			return out
		}
		if len(req.EventID) > 0 && !idPattern.MatchString(req.EventID) {
			out.Status, out.Body = field("event-id", false)
			return out
		}
		if s, ok := req.Data.(string); req.Data == nil || (ok && len(s) == 0) {
			out.Status, out.Body = field("data", true)
			return out
		}
		event := ce.New(ce.CloudEventsVersionV1)
		event.SetType(req.EventType + "." + req.EventTypeVersion)
		event.SetTime(t)
		if err := event.SetData("application/json", req.Data); err != nil {
			panic(err)
		}
		id := req.EventID
		if id == "" {
			id = "generated"
		}
		event.SetID(id)
		out.Status, out.Type, out.ID = 200, event.Type(), event.ID()
		out.Time = types.FormatTime(event.Time())
		out.Data = string(event.Data())
	}
	return out
}

func main() {
	var inputs []input
	if err := json.NewDecoder(os.Stdin).Decode(&inputs); err != nil {
		panic(err)
	}
	outputs := make([]output, 0, len(inputs))
	for _, in := range inputs {
		outputs = append(outputs, run(in))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(outputs)
}
