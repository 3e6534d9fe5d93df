package effective

// EscalationPath is one privilege escalation method: every group of actions
// must be granted (any one action of a group), with iam:PassRole when
// PassRole is set.
type EscalationPath struct {
	Name     string
	PassRole bool
	Groups   [][]string
}

func escPath(name string, passRole bool, groups ...[]string) EscalationPath {
	return EscalationPath{Name: name, PassRole: passRole, Groups: groups}
}

func oneOf(actions ...string) []string { return actions }

// EscalationPaths lists the known methods, single actions first (the Rhino
// Security Labs list and its successors). The privilege-escalation rule reads
// this table too (rules/privilege_escalation.go).
var EscalationPaths = []EscalationPath{
	escPath("iam:CreatePolicyVersion (new default version of a policy)", false, oneOf("iam:CreatePolicyVersion")),
	escPath("iam:SetDefaultPolicyVersion (switch a policy to a more permissive version)", false, oneOf("iam:SetDefaultPolicyVersion")),
	escPath("iam:CreateAccessKey (keys for another user)", false, oneOf("iam:CreateAccessKey")),
	escPath("iam:CreateLoginProfile (console password for another user)", false, oneOf("iam:CreateLoginProfile")),
	escPath("iam:UpdateLoginProfile (reset another user's password)", false, oneOf("iam:UpdateLoginProfile")),
	escPath("iam:AttachUserPolicy", false, oneOf("iam:AttachUserPolicy")),
	escPath("iam:AttachGroupPolicy", false, oneOf("iam:AttachGroupPolicy")),
	escPath("iam:AttachRolePolicy", false, oneOf("iam:AttachRolePolicy")),
	escPath("iam:PutUserPolicy", false, oneOf("iam:PutUserPolicy")),
	escPath("iam:PutGroupPolicy", false, oneOf("iam:PutGroupPolicy")),
	escPath("iam:PutRolePolicy", false, oneOf("iam:PutRolePolicy")),
	escPath("iam:AddUserToGroup", false, oneOf("iam:AddUserToGroup")),
	escPath("iam:UpdateAssumeRolePolicy (rewrite a role's trust)", false, oneOf("iam:UpdateAssumeRolePolicy")),
	escPath("iam:DeleteUserPermissionsBoundary / iam:DeleteRolePermissionsBoundary (lift a boundary)", false,
		oneOf("iam:DeleteUserPermissionsBoundary", "iam:DeleteRolePermissionsBoundary")),
	escPath("iam:PutUserPermissionsBoundary / iam:PutRolePermissionsBoundary (replace a boundary)", false,
		oneOf("iam:PutUserPermissionsBoundary", "iam:PutRolePermissionsBoundary")),
	escPath("lambda:UpdateFunctionCode (run code as an existing function's role)", false, oneOf("lambda:UpdateFunctionCode")),
	escPath("glue:UpdateDevEndpoint (SSH key on an existing Glue dev endpoint)", false, oneOf("glue:UpdateDevEndpoint")),
	escPath("cloudformation:UpdateStack (change an existing stack that runs with a service role)", false,
		oneOf("cloudformation:UpdateStack", "cloudformation:CreateChangeSet")),
	escPath("sagemaker:CreatePresignedNotebookInstanceUrl (open an existing notebook and its role)", false,
		oneOf("sagemaker:CreatePresignedNotebookInstanceUrl")),
	escPath("ssm:SendCommand (run commands on instances with their roles)", false, oneOf("ssm:SendCommand")),
	escPath("ssm:StartSession (shell on instances with their roles)", false, oneOf("ssm:StartSession")),
	escPath("ec2-instance-connect:SendSSHPublicKey (SSH into instances with their roles)", false,
		oneOf("ec2-instance-connect:SendSSHPublicKey", "ec2-instance-connect:SendSerialConsoleSSHPublicKey")),
	escPath("iam:PassRole + ec2:RunInstances (new instance with a privileged role)", true, oneOf("ec2:RunInstances", "ec2:RequestSpotInstances")),
	escPath("iam:PassRole + ec2:AssociateIamInstanceProfile / ReplaceIamInstanceProfileAssociation", true,
		oneOf("ec2:AssociateIamInstanceProfile", "ec2:ReplaceIamInstanceProfileAssociation")),
	escPath("iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction", true, oneOf("lambda:CreateFunction"), oneOf("lambda:InvokeFunction", "lambda:InvokeFunctionUrl")),
	escPath("iam:PassRole + lambda:CreateFunction + lambda:AddPermission", true, oneOf("lambda:CreateFunction"), oneOf("lambda:AddPermission", "lambda:CreateFunctionUrlConfig")),
	escPath("iam:PassRole + lambda:CreateFunction + lambda:CreateEventSourceMapping", true, oneOf("lambda:CreateFunction"), oneOf("lambda:CreateEventSourceMapping")),
	escPath("iam:PassRole + lambda:UpdateFunctionConfiguration (give an existing function a privileged role)", true, oneOf("lambda:UpdateFunctionConfiguration")),
	escPath("iam:PassRole + cloudformation:CreateStack", true, oneOf("cloudformation:CreateStack", "cloudformation:CreateStackSet")),
	escPath("iam:PassRole + glue:CreateDevEndpoint", true, oneOf("glue:CreateDevEndpoint")),
	escPath("iam:PassRole + glue:CreateJob + glue:StartJobRun", true, oneOf("glue:CreateJob"), oneOf("glue:StartJobRun", "glue:CreateTrigger")),
	escPath("iam:PassRole + glue:UpdateJob + glue:StartJobRun", true, oneOf("glue:UpdateJob"), oneOf("glue:StartJobRun", "glue:CreateTrigger")),
	escPath("iam:PassRole + codebuild:CreateProject + codebuild:StartBuild", true, oneOf("codebuild:CreateProject"), oneOf("codebuild:StartBuild", "codebuild:StartBuildBatch")),
	escPath("iam:PassRole + codebuild:UpdateProject + codebuild:StartBuild", true, oneOf("codebuild:UpdateProject"), oneOf("codebuild:StartBuild", "codebuild:StartBuildBatch")),
	escPath("iam:PassRole + ecs:RegisterTaskDefinition + ecs:RunTask", true, oneOf("ecs:RegisterTaskDefinition"), oneOf("ecs:RunTask", "ecs:StartTask", "ecs:CreateService", "ecs:UpdateService")),
	escPath("iam:PassRole + sagemaker:CreateNotebookInstance", true, oneOf("sagemaker:CreateNotebookInstance")),
	escPath("iam:PassRole + sagemaker:CreateTrainingJob", true, oneOf("sagemaker:CreateTrainingJob")),
	escPath("iam:PassRole + sagemaker:CreateProcessingJob", true, oneOf("sagemaker:CreateProcessingJob")),
	escPath("iam:PassRole + datapipeline:CreatePipeline + datapipeline:PutPipelineDefinition", true, oneOf("datapipeline:CreatePipeline"), oneOf("datapipeline:PutPipelineDefinition")),
	escPath("iam:PassRole + autoscaling:CreateLaunchConfiguration + autoscaling:CreateAutoScalingGroup", true,
		oneOf("autoscaling:CreateLaunchConfiguration", "ec2:CreateLaunchTemplate"), oneOf("autoscaling:CreateAutoScalingGroup", "autoscaling:UpdateAutoScalingGroup")),
}
