// Package api declares the decode target with the Go type name and JSON field names that
// appear in Kyma's decoder error texts (`Go struct field PublishRequestV1.event-type`).
package api

type PublishRequestV1 struct {
	EventType        string      `json:"event-type,omitempty"`
	EventTypeVersion string      `json:"event-type-version,omitempty"`
	EventID          string      `json:"event-id,omitempty"`
	EventTime        string      `json:"event-time,omitempty"`
	Data             interface{} `json:"data,omitempty"`
}
