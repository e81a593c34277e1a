{{/*
Names, labels and the settings shared with the umbrella chart (charts/eventing). Every define
is prefixed with the chart name: in the umbrella all subcharts' defines share one namespace.
*/}}

{{/* Chart name, overridable. */}}
{{- define "subscription-controller.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* <release>-<chart>, or the release name alone when it already contains the chart name. */}}
{{- define "subscription-controller.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "subscription-controller.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Recommended labels (kubernetes.io/docs/concepts/overview/working-with-objects/common-labels). */}}
{{- define "subscription-controller.labels" -}}
helm.sh/chart: {{ include "subscription-controller.chart" . }}
{{ include "subscription-controller.selectorLabels" . }}
app.kubernetes.io/version: {{ include "subscription-controller.imageTag" . | quote }}
app.kubernetes.io/component: subscription-controller
app.kubernetes.io/part-of: eventing
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Immutable: a Deployment's selector cannot change after install. */}}
{{- define "subscription-controller.selectorLabels" -}}
app.kubernetes.io/name: {{ include "subscription-controller.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "subscription-controller.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "subscription-controller.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "subscription-controller.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion -}}
{{- end -}}

{{- define "subscription-controller.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (include "subscription-controller.imageTag" .) -}}
{{- end -}}
{{- end -}}

{{/*
The NATS connection: `global.nats` when installed through the umbrella chart (one connection for
all three components), else this chart's `nats`. Returned as YAML; use with fromYaml.
*/}}
{{- define "subscription-controller.nats" -}}
{{- $global := (.Values.global | default dict).nats | default dict -}}
{{- if $global.url -}}
{{- toYaml (merge (dict "umbrella" true) $global) -}}
{{- else -}}
{{- toYaml (merge (dict "umbrella" false) .Values.nats) -}}
{{- end -}}
{{- end -}}

{{/*
Name of the Secret holding the NATS credentials, empty when there are none: the existing Secret
named in the values, else the one this chart (or, under the umbrella, the umbrella) creates.
*/}}
{{- define "subscription-controller.natsSecretName" -}}
{{- $nats := include "subscription-controller.nats" . | fromYaml -}}
{{- $auth := $nats.auth | default dict -}}
{{- if $auth.existingSecret -}}
{{- $auth.existingSecret -}}
{{- else if or $auth.user $auth.token -}}
{{- if $nats.umbrella -}}
{{- printf "%s-nats-credentials" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-nats" (include "subscription-controller.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* NATS_URL and the credentials, each credential read from the Secret (optional keys). */}}
{{- define "subscription-controller.natsEnv" -}}
{{- $nats := include "subscription-controller.nats" . | fromYaml -}}
{{- $secret := include "subscription-controller.natsSecretName" . -}}
{{- $keys := ($nats.auth | default dict).secretKeys | default dict -}}
- name: NATS_URL
  value: {{ required "nats.url (or global.nats.url) is required" $nats.url | quote }}
{{- if $secret }}
{{- range $env, $key := dict "NATS_USER" ($keys.user | default "user") "NATS_PASSWORD" ($keys.password | default "password") "NATS_TOKEN" ($keys.token | default "token") }}
- name: {{ $env }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $key }}
      optional: true
{{- end }}
{{- end }}
{{- end -}}

{{/* OpenTelemetry exporter settings (the standard OTEL_* names), global ones first. */}}
{{- define "subscription-controller.otelEnv" -}}
{{- $otel := merge (dict) ((.Values.global | default dict).otel | default dict) .Values.otel -}}
- name: OTEL_SERVICE_NAME
  value: {{ $otel.serviceName | default "subscription-controller" | quote }}
{{- with $otel.endpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- with $otel.tracesExporter }}
- name: OTEL_TRACES_EXPORTER
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* The JetStream stream settings, global ones (umbrella) winning over this chart's. */}}
{{- define "subscription-controller.jetstream" -}}
{{- toYaml (merge (dict) ((.Values.global | default dict).jetstream | default dict) .Values.jetstream) -}}
{{- end -}}

{{/* An env value as text: YAML numbers arrive as float64 and would print as 1e+06. */}}
{{- define "subscription-controller.envValue" -}}
{{- if kindIs "float64" . -}}{{- int64 . -}}{{- else -}}{{- . -}}{{- end -}}
{{- end -}}

{{/* JS_STREAM_* from the jetstream values; an empty value leaves the app's default. */}}
{{- define "subscription-controller.streamEnv" -}}
{{- $js := include "subscription-controller.jetstream" . | fromYaml -}}
{{- range $env, $key := dict "JS_STREAM_NAME" "streamName" "JS_STREAM_SUBJECT_PREFIX" "subjectPrefix" "JS_STREAM_STORAGE_TYPE" "storageType" "JS_STREAM_REPLICAS" "replicas" "JS_STREAM_RETENTION_POLICY" "retentionPolicy" "JS_STREAM_DISCARD_POLICY" "discardPolicy" "JS_STREAM_MAX_MSGS" "maxMsgs" "JS_STREAM_MAX_BYTES" "maxBytes" "JS_STREAM_MAX_MSGS_PER_TOPIC" "maxMsgsPerTopic" "JS_STREAM_DUPLICATE_WINDOW" "duplicateWindow" }}
{{- $value := index $js $key }}
{{- if not (kindIs "invalid" $value) }}{{ if ne (toString $value) "" }}
- name: {{ $env }}
  value: {{ include "subscription-controller.envValue" $value | quote }}
{{- end }}{{ end }}
{{- end }}
{{- end -}}

