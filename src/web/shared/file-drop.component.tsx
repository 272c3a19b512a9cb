// A spreadsheet chosen by click or drop, never uploaded by the widget itself: the screen reads the file and
// sends it with its own request (the unit import, the register import).
import { Typography, Upload } from 'antd';

interface Props {
  readonly accept: string;
  readonly disabled: boolean;
  readonly onChoose: (file: File) => void;
  /** What the box says before a file is chosen, and the chosen file's line (null before). */
  readonly prompt: string;
  readonly chosen: string | null;
  /** The test ids of the box and of the chosen file's line. */
  readonly testId: string;
  readonly fileTestId: string;
}

export function FileDrop({ accept, disabled, onChoose, prompt, chosen, testId, fileTestId }: Props) {
  return (
    <Upload.Dragger
      accept={accept}
      multiple={false}
      showUploadList={false}
      disabled={disabled}
      beforeUpload={(file) => {
        onChoose(file);
        return false;
      }}
      data-testid={testId}
    >
      <p>{prompt}</p>
      {chosen !== null && (
        <Typography.Text strong data-testid={fileTestId}>
          {chosen}
        </Typography.Text>
      )}
    </Upload.Dragger>
  );
}
