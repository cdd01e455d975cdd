import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, ValidateBy } from 'class-validator';
import { parseIsoDateTime } from '../../articles/dto/iso-date-time';

export class CreateMutedWordDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'Matched as whole words, case-insensitively, in headlines and summaries' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/, { message: '$property must not be blank' })
  phrase: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'A future time; null or absent: no expiry' })
  @IsOptional()
  @ValidateBy({
    name: 'isDateTime',
    validator: {
      validate: (value) => parseIsoDateTime(value) !== null,
      defaultMessage: () => '$property must be null or an ISO-8601 date-time with a time zone',
    },
  })
  expiresAt?: string | null;
}

export class MutedWordResponse {
  @ApiProperty() id: string;
  @ApiProperty() phrase: string;
  @ApiProperty({ type: String, nullable: true }) expiresAt: string | null;
  @ApiProperty() createdAt: string;
}

export class MutedWordListResponse {
  @ApiProperty({ type: [MutedWordResponse] }) items: MutedWordResponse[];
}
