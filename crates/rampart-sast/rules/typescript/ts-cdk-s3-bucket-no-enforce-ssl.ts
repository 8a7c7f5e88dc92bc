import { Stack, StackProps } from "aws-cdk-lib";
import { Bucket, BucketEncryption } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

export class SiteStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // ruleid: ts-cdk-s3-bucket-no-enforce-ssl
    const assets = new Bucket(this, "Assets", { encryption: BucketEncryption.S3_MANAGED });
    // ruleid: ts-cdk-s3-bucket-no-enforce-ssl
    const exportsBucket = new Bucket(this, "Exports", { enforceSSL: false });
    // ok: ts-cdk-s3-bucket-no-enforce-ssl
    const secure = new Bucket(this, "Secure", { enforceSSL: true, versioned: true });
  }
}
