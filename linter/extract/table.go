package extract

import (
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/iamlint/iamlint/linter/eval"
	"github.com/iamlint/iamlint/linter/iam"
)

// consumer is one policy-consuming attribute of a resource type.
type consumer struct {
	// Path is the attribute, after the nested block types that lead to it
	// (inline_policy.policy: every inline_policy block's policy).
	Path []string
	Kind iam.Kind
	// When, if set, says whether the block's policy is an IAM policy at all
	// (aws_organizations_policy holds tag and backup policies too).
	When func(body *eval.Node) bool
}

func attr(path []string, k iam.Kind) consumer { return consumer{Path: path, Kind: k} }

func p(names ...string) []string { return names }

// consumers is the table of policy-consuming resource types: the one place
// that says where policies live and what kind each one is (RULES.md, "Where
// policies live"). aws_lambda_permission, aws_lambda_layer_version_permission
// and aws_cloudwatch_event_permission have no policy text; they are built in
// lambda.go.
var consumers = map[string][]consumer{
	// identity
	"aws_iam_policy":                            {attr(p("policy"), iam.Identity)},
	"aws_iam_role_policy":                       {attr(p("policy"), iam.Identity)},
	"aws_iam_user_policy":                       {attr(p("policy"), iam.Identity)},
	"aws_iam_group_policy":                      {attr(p("policy"), iam.Identity)},
	"aws_ssoadmin_permission_set_inline_policy": {attr(p("inline_policy"), iam.Identity)},
	// identity and trust
	"aws_iam_role": {
		attr(p("assume_role_policy"), iam.Trust),
		attr(p("inline_policy", "policy"), iam.Identity),
	},
	// scp
	"aws_organizations_policy": {{Path: p("content"), Kind: iam.SCP, When: isSCP}},
	// AWS Cloud Control (awscc): its IAM resources hold JSON policy texts
	// too (were read as no consumer: a role with "Action": "*" passed
	// without a word). Read for their documents only: the identity graph
	// (holders, attachments, escalation through other principals) does
	// not link them.
	"awscc_iam_role": {
		attr(p("assume_role_policy_document"), iam.Trust),
		attr(p("policies", "policy_document"), iam.Identity),
	},
	"awscc_iam_user":           {attr(p("policies", "policy_document"), iam.Identity)},
	"awscc_iam_group":          {attr(p("policies", "policy_document"), iam.Identity)},
	"awscc_iam_role_policy":    {attr(p("policy_document"), iam.Identity)},
	"awscc_iam_user_policy":    {attr(p("policy_document"), iam.Identity)},
	"awscc_iam_group_policy":   {attr(p("policy_document"), iam.Identity)},
	"awscc_iam_managed_policy": {attr(p("policy_document"), iam.Identity)},
	"awscc_s3_bucket_policy":   {attr(p("policy_document"), iam.Resource)},
	"awscc_kms_key":            {attr(p("key_policy"), iam.Resource)},
	// The other awscc resources holding a policy, each attribute a JSON
	// string in the provider's schema (terraform-provider-awscc
	// docs/resources and internal/aws/*_resource_gen.go). awscc has no
	// sqs_queue_policy (the queue's is awscc_sqs_queue_inline_policy) and
	// no glacier_vault; awscc_sso_permission_set.managed_policies is a list
	// of ARNs, not a document.
	"awscc_sso_permission_set":             {attr(p("inline_policy"), iam.Identity)},
	"awscc_sqs_queue_inline_policy":        {attr(p("policy_document"), iam.Resource)},
	"awscc_sns_topic_policy":               {attr(p("policy_document"), iam.Resource)},
	"awscc_sns_topic_inline_policy":        {attr(p("policy_document"), iam.Resource)},
	"awscc_secretsmanager_resource_policy": {attr(p("resource_policy"), iam.Resource)},
	"awscc_ecr_repository":                 {attr(p("repository_policy_text"), iam.Resource)},
	"awscc_s3_access_point":                {attr(p("policy"), iam.Resource)},
	"awscc_opensearchservice_domain":       {attr(p("access_policies"), iam.Resource)},
	"awscc_events_event_bus":               {attr(p("policy"), iam.Resource)},
	"awscc_logs_resource_policy":           {attr(p("policy_document"), iam.Resource)},
	"awscc_backup_backup_vault":            {attr(p("access_policy"), iam.Resource)},
	"awscc_efs_file_system":                {attr(p("file_system_policy"), iam.Resource)},
	"awscc_kms_replica_key":                {attr(p("key_policy"), iam.Resource)},
	"awscc_apigateway_rest_api":            {attr(p("policy"), iam.Resource)},
	"awscc_s3express_bucket_policy":        {attr(p("policy_document"), iam.Resource)},
	"awscc_kinesis_resource_policy":        {attr(p("resource_policy"), iam.Resource)},

	// resource: S3
	"aws_s3_bucket_policy":                                 {attr(p("policy"), iam.Resource)},
	"aws_s3_bucket":                                        {attr(p("policy"), iam.Resource)},
	"aws_s3_access_point":                                  {attr(p("policy"), iam.Resource)},
	"aws_s3control_access_point_policy":                    {attr(p("policy"), iam.Resource)},
	"aws_s3control_bucket_policy":                          {attr(p("policy"), iam.Resource)},
	"aws_s3control_object_lambda_access_point_policy":      {attr(p("policy"), iam.Resource)},
	"aws_s3control_multi_region_access_point_policy":       {attr(p("details", "policy"), iam.Resource)},
	"aws_s3control_access_grants_instance_resource_policy": {attr(p("policy"), iam.Resource)},
	"aws_s3tables_table_bucket_policy":                     {attr(p("resource_policy"), iam.Resource)},
	"aws_s3tables_table_policy":                            {attr(p("resource_policy"), iam.Resource)},
	// KMS
	"aws_kms_key":                  {attr(p("policy"), iam.Resource)},
	"aws_kms_external_key":         {attr(p("policy"), iam.Resource)},
	"aws_kms_replica_key":          {attr(p("policy"), iam.Resource)},
	"aws_kms_replica_external_key": {attr(p("policy"), iam.Resource)},
	"aws_kms_key_policy":           {attr(p("policy"), iam.Resource)},
	// SQS, SNS
	"aws_sqs_queue":        {attr(p("policy"), iam.Resource)},
	"aws_sqs_queue_policy": {attr(p("policy"), iam.Resource)},
	"aws_sns_topic":        {attr(p("policy"), iam.Resource)},
	"aws_sns_topic_policy": {attr(p("policy"), iam.Resource)},
	// ECR
	"aws_ecr_repository_policy":            {attr(p("policy"), iam.Resource)},
	"aws_ecr_registry_policy":              {attr(p("policy"), iam.Resource)},
	"aws_ecrpublic_repository_policy":      {attr(p("policy"), iam.Resource)},
	"aws_ecr_repository_creation_template": {attr(p("repository_policy"), iam.Resource)},
	// Secrets Manager, Glacier, EFS
	"aws_secretsmanager_secret_policy": {attr(p("policy"), iam.Resource)},
	"aws_secretsmanager_secret":        {attr(p("policy"), iam.Resource)},
	"aws_glacier_vault":                {attr(p("access_policy"), iam.Resource)},
	"aws_glacier_vault_lock":           {attr(p("policy"), iam.Resource)},
	"aws_efs_file_system_policy":       {attr(p("policy"), iam.Resource)},
	// OpenSearch / Elasticsearch
	"aws_opensearch_domain_policy":    {attr(p("access_policies"), iam.Resource)},
	"aws_opensearch_domain":           {attr(p("access_policies"), iam.Resource)},
	"aws_elasticsearch_domain":        {attr(p("access_policies"), iam.Resource)},
	"aws_elasticsearch_domain_policy": {attr(p("access_policies"), iam.Resource)},
	// API Gateway, Backup, CloudWatch Logs, Glue, DynamoDB, Kinesis
	"aws_api_gateway_rest_api":              {attr(p("policy"), iam.Resource)},
	"aws_api_gateway_rest_api_policy":       {attr(p("policy"), iam.Resource)},
	"aws_backup_vault_policy":               {attr(p("policy"), iam.Resource)},
	"aws_cloudwatch_log_resource_policy":    {attr(p("policy_document"), iam.Resource)},
	"aws_cloudwatch_log_destination_policy": {attr(p("access_policy"), iam.Resource)},
	"aws_glue_resource_policy":              {attr(p("policy"), iam.Resource)},
	"aws_dynamodb_resource_policy":          {attr(p("policy"), iam.Resource)},
	"aws_kinesis_resource_policy":           {attr(p("policy"), iam.Resource)},
	// CodeArtifact, VPC endpoints, SES
	"aws_codeartifact_domain_permissions_policy":     {attr(p("policy_document"), iam.Resource)},
	"aws_codeartifact_repository_permissions_policy": {attr(p("policy_document"), iam.Resource)},
	"aws_vpc_endpoint":                {attr(p("policy"), iam.Resource)},
	"aws_vpc_endpoint_policy":         {attr(p("policy"), iam.Resource)},
	"aws_ses_identity_policy":         {attr(p("policy"), iam.Resource)},
	"aws_sesv2_email_identity_policy": {attr(p("policy"), iam.Resource)},
	// more resource policies in IAM policy syntax
	"aws_cloudwatch_event_bus_policy":          {attr(p("policy"), iam.Resource)},
	"aws_schemas_registry_policy":              {attr(p("policy"), iam.Resource)},
	"aws_msk_cluster_policy":                   {attr(p("policy"), iam.Resource)},
	"aws_networkfirewall_resource_policy":      {attr(p("policy"), iam.Resource)},
	"aws_codebuild_resource_policy":            {attr(p("policy"), iam.Resource)},
	"aws_redshift_resource_policy":             {attr(p("policy"), iam.Resource)},
	"aws_redshiftserverless_resource_policy":   {attr(p("policy"), iam.Resource)},
	"aws_vpclattice_auth_policy":               {attr(p("policy"), iam.Resource)},
	"aws_vpclattice_resource_policy":           {attr(p("policy"), iam.Resource)},
	"aws_media_store_container_policy":         {attr(p("policy"), iam.Resource)},
	"aws_organizations_resource_policy":        {attr(p("content"), iam.Resource)},
	"aws_acmpca_policy":                        {attr(p("policy"), iam.Resource)},
	"aws_oam_sink_policy":                      {attr(p("policy"), iam.Resource)},
	"aws_xray_resource_policy":                 {attr(p("policy_document"), iam.Resource)},
	"aws_sagemaker_model_package_group_policy": {attr(p("resource_policy"), iam.Resource)},
	// Read at last (a red team found them skipped without a word: no
	// finding, no notice, though each holds a policy in IAM syntax).
	"aws_ssm_resource_policy":                        {attr(p("policy"), iam.Resource)},
	"aws_cloudsearch_domain_service_access_policy":   {attr(p("access_policy"), iam.Resource)},
	"aws_cloudwatch_log_delivery_destination_policy": {attr(p("delivery_destination_policy"), iam.Resource)},
	"aws_s3vectors_vector_bucket_policy":             {attr(p("policy"), iam.Resource)},
}

// lambdaPermissions are the resource types whose policy is synthesized from
// attributes (lambda.go), all of kind resource: the Lambda permissions and
// aws_cloudwatch_event_permission (a statement of an event bus's policy).
var lambdaPermissions = map[string]bool{
	"aws_lambda_permission":               true,
	"aws_lambda_layer_version_permission": true,
	"aws_cloudwatch_event_permission":     true,
}

// policyDocumentType is the data source whose statements are read from its
// configuration and whose json is rendered.
const policyDocumentType = "aws_iam_policy_document"

// isSCP reports whether an aws_organizations_policy holds a service control
// policy: type unset (the default) or SERVICE_CONTROL_POLICY. An unknown
// type is not known to be one.
func isSCP(body *eval.Node) bool {
	t := body.Get("type")
	if t == nil {
		return true
	}
	v := t.Value()
	if v == cty.NilVal || (v.IsKnown() && v.IsNull()) {
		return true
	}
	if !v.IsKnown() || v.Type() != cty.String {
		return false
	}
	return v.AsString() == "SERVICE_CONTROL_POLICY"
}

// PolicyAttrs returns, for a resource type whose body package extract
// reads only for the policies it holds (a resource policy's consumer: an
// S3 bucket, a KMS key, an SQS queue), the top-level attributes that hold
// them; nil for any other type (IAM and SSO resources, which the identity
// graph reads too, Lambda permissions, a consumer whose policy depends on
// another attribute, a type that is no consumer). Its other attributes are
// never read: a plan's bodies may leave them out (plan.Options.UnreadOf).
func PolicyAttrs(typ string) []string {
	if strings.HasPrefix(typ, "aws_iam_") || strings.HasPrefix(typ, "aws_ssoadmin_") || lambdaPermissions[typ] || graphAttrs[typ] != nil {
		return nil
	}
	var attrs []string
	for _, c := range consumers[typ] {
		if c.When != nil || len(c.Path) == 0 {
			return nil
		}
		if !slices.Contains(attrs, c.Path[0]) {
			attrs = append(attrs, c.Path[0])
		}
	}
	return attrs
}

// Relevant reports whether package extract reads the body of a block of this
// mode ("resource", "data") and type: policy consumers, the identity graph
// (aws_iam_*, aws_ssoadmin_*), Lambda permissions, data sources with a
// renderer, and any block whose source text (src; nil: unknown) may hold a
// credential (the secret scan walks evaluated bodies). The evaluator skips
// the other bodies unless something refers to them (load.Options.Relevant).
func Relevant(mode, typ string, src []byte) bool {
	// The type first: the text is scanned (mayHoldCredential) only for a
	// block that no type makes relevant (most blocks of an IAM estate are
	// aws_iam_ resources, whose text was scanned for nothing).
	if relevantType(mode, typ) {
		return true
	}
	return src == nil || mayHoldCredential(src)
}

// relevantType is Relevant without the scan of the text.
func relevantType(mode, typ string) bool {
	if strings.HasPrefix(typ, "aws_iam_") || strings.HasPrefix(typ, "aws_ssoadmin_") {
		return true
	}
	switch mode {
	case "resource":
		if _, ok := consumers[typ]; ok {
			return true
		}
		return lambdaPermissions[typ]
	case "data":
		return typ == policyDocumentType
	}
	return true
}

// mayHoldCredential is the cheap test of Relevant: "AKIA", "ASIA" or
// "secret" (any case) in the text.
func mayHoldCredential(src []byte) bool {
	return hasKeyPrefix(src) || indexFold(src, "secret", 0) >= 0
}
