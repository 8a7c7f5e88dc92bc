import { Stack } from "aws-cdk-lib";
import { aws_s3 as s3, aws_codebuild as codebuild } from "aws-cdk-lib";
import { Construct } from "constructs";

export class PublicStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    // ruleid: ts-cdk-public-access
    const site = new s3.Bucket(this, "Site");
    site.grantPublicAccess();
    // ok: ts-cdk-public-access
    const data = new s3.Bucket(this, "Data", { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    // ruleid: ts-cdk-public-access
    const build = new codebuild.Project(this, "Build", {
      badge: true,
    });
    // ok: ts-cdk-public-access
    const privateBuild = new codebuild.Project(this, "PrivateBuild", { badge: false });
  }
}
