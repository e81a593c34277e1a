{{/* Labels of what the umbrella itself renders (the shared NATS Secret). */}}
{{- define "eventing.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: eventing
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
